"""Staff account pages: signing in (signin), the account and two-factor pages
(security), passwords (password) and the staff home (home)."""
