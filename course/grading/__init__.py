"""Grading for instructors: ``course grade`` (a learner's own copies, or a folder of submissions)
and ``course submit`` (one small file a learner hands in). See docs/instructors.md."""
