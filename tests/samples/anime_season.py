"""The built-in ``anime-season`` template as the design describes it: the
nine question headings and the eight Series Information fields, in order.
The tests check the shipped template and the exported post against these."""

QUESTIONS = [
    "What did you watch?",
    "What happened?",
    "What did you think?",
    "What was your favourite moment?",
    "What was your least favourite moment?",
    "Who was your favourite character?",
    "Who was your least favourite character?",
    "Would you like some more?",
    "What have you learned?",
]

INFO_FIELDS = ["English Title", "Japanese Title", "Medium", "Released", "Episodes", "Animation Studios",
               "Genres", "Demographic"]
