class CourseError(Exception):
    """A problem the learner can fix: the CLI prints it as one line and exits with code 2."""
