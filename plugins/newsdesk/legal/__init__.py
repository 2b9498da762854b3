"""Legal content readers can trust: named authors, solicitor reviews and the review queue.

Pure sub-package: no Pelican imports (the adapter in ../adapter/ attaches the results).

authors  the authors file (people and team bylines), read with PyYAML, errors with file:line;
         byline_problems() is the one author/reviewer validation the build and the check share
review   the due-date rules: when an article was last checked, when it is due, if overdue
queue    the editors' review queue behind `invoke review-due`
"""
