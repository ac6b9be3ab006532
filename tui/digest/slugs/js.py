"""JavaScript's notion of white space, which the JS engines' slug rules inherit."""

# JavaScript's \s and trim() set, which differs from Python's (no \x1c-\x1f or \x85, adds \ufeff).
JS_WS = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_TRIM = "".join(map(chr, range(0x2000, 0x200B))) + JS_WS.replace("\u2000-\u200a", "")
