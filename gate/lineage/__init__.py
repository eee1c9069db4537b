"""Where each line comes from: history replayed forward once (the line-lifetime engine).

Used by the AI check (the origin of each line a change adds) and by ``gate history``
(every line's birth and death over a period). One definition of a line's origin for
both: renames followed, whitespace ignored, moves kept, copies new.
"""
