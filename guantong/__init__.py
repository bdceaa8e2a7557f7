"""guantong: the eligibility rules of 黄人社发〔2021〕12号 (stdlib only; the same code runs in Pyodide).

Public contract (shared/spec/answers.md): evaluate(answers) -> Result, Result.to_dict(), AnswersError.
"""

from .answers import AnswersError
from .engine import Result, evaluate
from .flow import QUESTIONS, next_question

__all__ = ["AnswersError", "Result", "evaluate", "QUESTIONS", "next_question"]
