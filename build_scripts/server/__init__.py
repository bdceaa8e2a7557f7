"""``static``: a static file server that behaves like the production host (precompressed twins, cache
headers, the CSP header), for the benchmarks, the browser tests and a quick look at a built site."""
