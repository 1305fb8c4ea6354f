"""Predict: 401 (who are you?) or 403 (you may not), for four requests."""

KIND = "predict"
EDIT = ["answers/3.txt"]
ANSWERS = ["anonymous_post", "stranger_delete", "wrong_token_read", "bearer_post"]
CHANGES_TESTS = []
TESTS = ["articles.tests.test_auth"]

BODY = {"title": "t", "content": "c"}


def check(c):
    token = c.sign_up()
    real = {
        "anonymous_post": c.post("/api/v1/articles/", json=BODY),
        "stranger_delete": c.delete(
            "/api/v1/articles/1/", headers={"Authorization": f"Token {token}"}
        ),
        "wrong_token_read": c.get(
            "/api/v1/articles/", headers={"Authorization": "Token not-a-real-key"}
        ),
        "bearer_post": c.post(
            "/api/v1/articles/", json=BODY, headers={"Authorization": f"Bearer {token}"}
        ),
    }
    for key, response in real.items():
        c.expect_answer(key, response.status_code)
