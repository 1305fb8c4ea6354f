"""Predict: a client-sent `article` is ignored, the URL's article wins."""

KIND = "predict"
EDIT = ["answers/1.txt"]
ANSWERS = ["status", "article"]
CHANGES_TESTS = []
TESTS = []


def check(c):
    status, article = c.answer("status"), c.answer("article")
    c.expect(status is not None and article is not None,
             "write your prediction first: answers/1.txt with the lines `status: ...` and `article: ...`")
    if status is None or article is None:
        return
    response = c.post("/api/v1/articles/1/comments/",
                      json={"content": "which article am I on?", "article": 2})
    real_article = response.json().get("article") if response.status_code == 201 else None
    c.expect(status.strip() == str(response.status_code),
             f"you predicted status {status}; POST /api/v1/articles/1/comments/ answered "
             f"{response.status_code}")
    c.expect(article.strip() == str(real_article),
             f"you predicted the comment goes to article {article}; the server put it on article "
             f"{real_article}")
