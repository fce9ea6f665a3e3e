"""Code generators: the typed Python surface and the reference docs, from the declarations."""
