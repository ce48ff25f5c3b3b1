// The site's one stylesheet: light and dark by prefers-color-scheme, a
// single column on phones, and a print layout (no scroll boxes, no dark
// backgrounds, charts kept whole). The Gantt SVG reads its colours from the
// `--g-*` variables and its fonts from `.gf/.gb/.gs` (see src/site/ganttSvg.ts).
export const SITE_CSS = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--link:#0550ae;--focus:#0969da;
--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--heat0:#f6f8fa;--heat1:#dafbe1;--heat2:#fff8c5;--heat3:#ffebe9;
--g-bg:#ffffff;--g-fg:#1f2328;--g-muted:#59636e;--g-grid:#d1d9e0;--g-header:#f6f8fa;--g-group:#eaeef2;--g-bar:#0969da;--g-critical:#cf222e;
--g-actual:#1a7f37;--g-milestone:#8250df;--g-today:#bc4c00;--g-warning:#9a6700}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;--link:#4493f8;--focus:#4493f8;
--ok:#3fb950;--warn:#d29922;--bad:#f85149;--heat0:#151b23;--heat1:#12361f;--heat2:#3b2e05;--heat3:#4c1a1d;
--g-bg:#0d1117;--g-fg:#e6edf3;--g-muted:#9198a1;--g-grid:#3d444d;--g-header:#151b23;--g-group:#212830;--g-bar:#4493f8;--g-critical:#f85149;
--g-actual:#3fb950;--g-milestone:#ab7df8;--g-today:#db6d28;--g-warning:#d29922}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
body{margin:0 auto;max-width:1200px;padding:0 1rem 3rem}
a{color:var(--link)}
a:focus-visible,.scroll:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:1}
header{border-bottom:1px solid var(--line);margin-bottom:1rem}
h1{font-size:1.7rem;margin:1rem 0 .25rem}h2{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.1rem;margin:1.25rem 0 .4rem}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.5rem 0}
.meta{color:var(--muted);margin:.25rem 0 .75rem}
.note{border-left:4px solid var(--warn);background:var(--panel);padding:.5rem .75rem;margin:.75rem 0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem;margin:.75rem 0}
.card{border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem;background:var(--panel)}
.card dt{color:var(--muted);font-size:.85rem}.card dd{margin:0;font-size:1.25rem;font-weight:600}
.health{font-weight:600;white-space:nowrap}
.health::before{content:'';display:inline-block;width:.7em;height:.7em;border-radius:50%;margin-right:.35em;vertical-align:baseline}
.on-track{color:var(--ok)}.on-track::before{background:var(--ok)}
.at-risk{color:var(--warn)}.at-risk::before{background:var(--warn);border-radius:0}
.off-track{color:var(--bad)}.off-track::before{background:var(--bad);transform:rotate(45deg);border-radius:0}
progress{width:6rem;height:.8rem;vertical-align:middle;accent-color:var(--g-bar)}
.scroll{overflow:auto;max-width:100%}
table{border-collapse:collapse;margin:.5rem 0 1rem;min-width:100%}
caption{text-align:left;font-weight:600;padding:.25rem 0;color:var(--muted)}
th,td{border-bottom:1px solid var(--line);padding:.3rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--panel);white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tbody th{font-weight:500}
.milestone{border:1px solid var(--line);border-radius:8px;padding:.25rem 1rem .75rem;margin:1rem 0}
.milestone h3{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline}
.milestone dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}
.milestone dt{color:var(--muted)}.milestone dd{margin:0}.milestone dd ul{margin:0;padding-left:1.1rem}
.gantt{border:1px solid var(--line);border-radius:8px;max-height:80vh}
.gantt svg{display:block}
.gf{font:12px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}.gb{font:600 12px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}.gs{font:11px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;color:var(--muted);font-size:.9rem}
.sw{display:inline-block;width:1.4em;height:.7em;margin-right:.3em;vertical-align:middle;border-radius:2px}
.sw-bar{background:var(--g-bar)}.sw-critical{background:var(--g-critical)}.sw-actual{background:var(--g-actual);height:.3em}
.sw-milestone{background:var(--g-milestone);width:.7em;transform:rotate(45deg)}.sw-today{background:var(--g-today);width:.2em}
figure{margin:1rem 0}figcaption{color:var(--muted);font-size:.9rem}
.chart svg{max-width:100%;height:auto}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr));gap:1rem}
details{margin:.5rem 0}summary{cursor:pointer;color:var(--link)}
.heat td.h0{background:var(--heat0)}.heat td.h1{background:var(--heat1)}.heat td.h2{background:var(--heat2)}.heat td.h3{background:var(--heat3);font-weight:600}
.heat td{white-space:nowrap}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--panel);padding:0 .2em;border-radius:3px}
footer{margin-top:3rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);padding-top:.5rem}
@media (max-width:600px){html{font-size:14px}body{padding:0 .6rem 2rem}h1{font-size:1.4rem}
.milestone{padding:.25rem .6rem .6rem}.gantt{max-height:70vh}th,td{padding:.25rem .4rem}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--panel:#f3f3f3;--link:#000;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;
--heat0:#fff;--heat1:#dafbe1;--heat2:#fff8c5;--heat3:#ffebe9;
--g-bg:#fff;--g-fg:#000;--g-muted:#444;--g-grid:#ccc;--g-header:#f3f3f3;--g-group:#eee;--g-bar:#0969da;--g-critical:#cf222e;--g-actual:#1a7f37;--g-milestone:#8250df;--g-today:#bc4c00}
html{font-size:11pt}body{max-width:none;padding:0}nav,.skip{display:none}
.scroll,.gantt{overflow:visible;max-height:none;border:0}
.gantt svg{max-width:100%;height:auto}
.milestone,figure,tr{break-inside:avoid}h2{break-after:avoid}
a{text-decoration:none}}
`.trim();
