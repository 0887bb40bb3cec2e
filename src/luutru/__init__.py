"""luutru: static-site generator for archives of Vietnamese local news."""
