"""The classroom: learners' saved progress, exercises and their scoring, the action plan and the class summary."""
