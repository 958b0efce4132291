"""Payloads that try to run script from a forum message or title.

Every payload, if it ran, would set `window.__xss`; the browser test checks
that it never is. Typed HTML, entity and whitespace tricks, SVG and MathML,
and Markdown link tricks (link and image destinations, reference links,
autolinks, link titles).
"""

MARK = "window.__xss=1"

HTML_PAYLOADS = [
    f"<script>{MARK}</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    f'<img src=x onerror="{MARK}">',
    f"<svg onload={MARK}>",
    f"<svg><script>{MARK}</script></svg>",
    f'<svg><a xlink:href="javascript:{MARK}"><text x=20 y=20>x</text></a></svg>',
    f'<a href="javascript:{MARK}">click</a>',
    f'<a href="JaVaScRiPt:{MARK}">click</a>',
    f'<a href="&#106;avascript:{MARK}">entity</a>',
    f'<a href="java&#x09;script:{MARK}">tab</a>',
    f'<a href=" javascript:{MARK}">space</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==">'
    "d</a>",
    f'<iframe src="javascript:{MARK}"></iframe>',
    f'<iframe srcdoc="<script>{MARK}</script>"></iframe>',
    f"<body onload={MARK}>",
    f'<div onmouseover="{MARK}">hover</div>',
    f'<p style="background:url(javascript:{MARK})">styled</p>',
    f"<details open ontoggle={MARK}>x</details>",
    f"<input autofocus onfocus={MARK}>",
    f'<video><source onerror="{MARK}"></video>',
    f'<object data="javascript:{MARK}"></object>',
    f'<embed src="javascript:{MARK}">',
    f"<math><mtext><table><mglyph><style><img src=x onerror={MARK}>",
    f'<form action="javascript:{MARK}"><button>go</button></form>',
    f'<meta http-equiv="refresh" content="0;url=javascript:{MARK}">',
    f'<base href="javascript:{MARK}//">',
    f'<link rel=stylesheet href="javascript:{MARK}">',
    f"<style>@import 'javascript:{MARK}';</style>",
    f'"><script>{MARK}</script>',
    f"'><img src=x onerror={MARK}>",
    f"<scr<script>ipt>{MARK}</scr</script>ipt>",
    f'<!--<img src="--><img src=x onerror={MARK}//">',
    f'<noscript><p title="</noscript><img src=x onerror={MARK}>">',
    f'<a href="#" onclick="{MARK}">hash</a>',
    f"<marquee onstart={MARK}>m</marquee>",
    f"<select onfocus={MARK} autofocus><option>a</option></select>",
    f"<textarea onfocus={MARK} autofocus>t</textarea>",
    f'<a href="https://ok.example" onclick="{MARK}">ok</a>',
    f'<a href="https://ok.example/?q=&quot;&gt;&lt;script&gt;{MARK}&lt;/script&gt;">q</a>',
    f'<button formaction="javascript:{MARK}">b</button>',
    f"<isindex type=image src=1 onerror={MARK}>",
    f'<table background="javascript:{MARK}"><tr><td>t</td></tr></table>',
    f"@<img src=x onerror={MARK}>",
]

MARKDOWN_PAYLOADS = [
    f"[click](javascript:{MARK})",
    f"[click](JAVASCRIPT:{MARK})",
    f"[click](  javascript:{MARK})",
    f"[click](&#x6A;avascript:{MARK})",
    f"[click](java%0ascript:{MARK})",
    f"![x](javascript:{MARK})",
    "[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox)",
    f"<javascript:{MARK}>",
    f"[x][ref]\n\n[ref]: javascript:{MARK}",
    f'[a](https://ok.example "title\\" onmouseover=\\"{MARK}")',
    f"`<script>{MARK}</script>`",
    f"```html\n<script>{MARK}</script>\n```",
    f"**<img src=x onerror={MARK}>**",
    f"> <svg onload={MARK}>",
    f"- [list](javascript:{MARK})\n- <a href='javascript:{MARK}'>raw</a>",
]

PAYLOADS = HTML_PAYLOADS + MARKDOWN_PAYLOADS
