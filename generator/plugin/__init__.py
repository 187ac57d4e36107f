"""The MkDocs side: the plugin, the editions, search; the only package that imports MkDocs or Material."""
