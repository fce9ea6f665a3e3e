"""The Novita API: its wire models, an HTTP client with retries, and connection settings."""
