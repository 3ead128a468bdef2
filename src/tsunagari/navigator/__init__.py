"""The anonymous guided flow: questions, crisis handling, a diverse set of options, and
aggregate need counters."""
