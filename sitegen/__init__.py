"""sitegen: static archive sites for Beijing district newspapers."""
