"""The report's stylesheet, inlined into every page: screen layout, then print."""

from __future__ import annotations

__all__ = ["CSS"]

CSS = """
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--accent:#0b5cad;
--thesis:#173f67;--claim:#2b5d8c;--evidence:#3b7a26;--premise:#8a6a00;--assumption:#6b6b6b;
--objection:#b3261e;--in:#1a7f37;--out:#b3261e;--undec:#8a6400;--sel:#f08c00}
*{box-sizing:border-box}
html{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--ink);background:#fff}
body{margin:0}
a{color:var(--accent)}
code,.eid,.ref,.key,.pos{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
font-size:.9em}
h1,h2,h3,h4{line-height:1.25}
.top{background:#14314f;color:#fff;padding:14px 24px 10px}
.top h1{margin:0 0 4px;font-size:1.35rem;font-weight:650}
.top .sub{margin:0;color:#c9d6e3;font-size:.9rem}
.top nav{margin-top:8px;display:flex;gap:16px;flex-wrap:wrap;font-size:.9rem}
.top nav a{color:#fff;text-decoration:none;border-bottom:1px solid #6f8fb0}
main>section{padding:8px 24px 16px}
h2{font-size:1.15rem;margin:14px 0 8px}
h3{font-size:1rem;margin:12px 0 6px}
table{border-collapse:collapse;width:100%}
th{text-align:left;font-weight:600;color:var(--muted);font-size:.85rem;
border-bottom:2px solid var(--line);padding:4px 8px}
td{border-bottom:1px solid #e6e9ed;padding:5px 8px;vertical-align:top}
td.num,.num{font-variant-numeric:tabular-nums}
.cols{display:grid;grid-template-columns:minmax(0,1.6fr) minmax(0,1fr);gap:28px}
@media (max-width:1000px){.cols{grid-template-columns:minmax(0,1fr)}}
.facts{margin:4px 0 8px;color:var(--muted)}
table.theses .text{display:block}
table.theses .why,.why{color:var(--muted);font-size:.9em}
table.theses .why{display:block;margin-top:2px}
.badge{display:inline-block;font:600 11px/17px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
padding:0 6px;border-radius:9px;vertical-align:1px;white-space:nowrap}
.lab-in{background:#dcf3e1;color:var(--in)}
.lab-out{background:#fde2df;color:var(--out)}
.lab-undec{background:#fff1c2;color:var(--undec)}
.lab-unbuilt{background:#eceff2;color:#555}
.sev{font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;font-weight:600}
.sev-error{color:#b3261e}.sev-warning{color:#9a5b00}.sev-note{color:#4d5b69}
.open{color:#b3261e;font-style:italic}
.ref{text-decoration:none;border-bottom:1px dotted currentColor;white-space:nowrap}
.ref.k-thesis{color:var(--thesis);font-weight:700}.ref.k-claim{color:var(--claim)}
.ref.k-evidence{color:var(--evidence)}.ref.k-premise{color:var(--premise)}
.ref.k-assumption{color:var(--assumption)}.ref.k-objection{color:var(--objection)}
.missing{color:#b3261e}
/* the map */
#map{padding-top:4px}
.toolbar{display:flex;flex-wrap:wrap;align-items:center;gap:8px 14px;margin:6px 0 8px}
.tabs{display:flex;flex-wrap:wrap;gap:4px}
.tabs a{padding:3px 10px;border:1px solid var(--line);border-radius:14px;text-decoration:none;
color:var(--ink);background:var(--soft);font-size:.88rem}
.tabs a.current{background:#14314f;color:#fff;border-color:#14314f}
.tools{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.tools input,.tools select,.tools button,.zoom button,.pane-bar button,.show-rule{font:inherit;
font-size:.88rem;padding:3px 8px;border:1px solid var(--line);border-radius:6px;background:#fff}
.tools input[type=search]{width:16rem}
.zoom{display:flex;gap:4px;align-items:center}
.zoom-level{min-width:3.2em;text-align:right;color:var(--muted);font-size:.85rem}
button{cursor:pointer}
.workspace{display:grid;grid-template-columns:minmax(0,1fr) minmax(320px,31rem);
height:calc(100vh - 110px);min-height:460px;border:1px solid var(--line);border-radius:6px;
overflow:hidden;background:#fff}
.workspace.with-text{grid-template-columns:minmax(0,1fr) minmax(300px,28rem) minmax(300px,28rem)}
@media (max-width:1500px){
.workspace.with-text{grid-template-columns:minmax(0,1fr) minmax(320px,30rem);
grid-template-rows:minmax(0,3fr) minmax(0,2fr)}
.workspace.with-text .diagrams{grid-row:1/span 2}
.workspace.with-text .textpane{grid-column:2;border-top:1px solid var(--line)}}
@media (max-width:900px){.workspace,.workspace.with-text{grid-template-columns:minmax(0,1fr);
grid-template-rows:minmax(0,3fr) minmax(0,2fr);height:auto}
.workspace .diagrams,.workspace.with-text .diagrams{grid-row:auto;height:70vh}
.inspector,.textpane{max-height:70vh}}
.diagrams{display:flex;flex-direction:column;min-height:0;min-width:0;position:relative}
.view{display:flex;flex-direction:column;flex:1;min-height:0}
.js .view:not(.current){display:none}
.caption{margin:0;padding:4px 10px;font-size:.82rem;color:var(--muted);
border-bottom:1px solid #eef0f2;background:#fbfcfd}
.viewport{flex:1;min-height:0;overflow:auto;background:#fff;cursor:grab;outline:none;
overscroll-behavior:contain}
.viewport.dragging{cursor:grabbing;user-select:none}
.viewport svg{display:block;max-width:none}
.viewport svg text{font-family:Helvetica,Arial,sans-serif}
.no-js .diagrams{overflow:auto}
.no-js .view{flex:none;border-bottom:3px solid var(--line)}
.no-js .viewport{flex:none;height:70vh}
.no-diagram{padding:16px;color:var(--muted)}
g.node>g>a{cursor:pointer}
g.node.sel{filter:drop-shadow(0 0 6px var(--sel))}
g.node.sel path,g.node.sel polygon,g.node.sel ellipse,g.node.sel polyline{stroke:var(--sel);
stroke-width:3.5px}
.filtering g.node:not(.match){opacity:.16}
.filtering g.edge{opacity:.3}
.filtering g.node.match{filter:drop-shadow(0 0 4px #1c7ed6)}
/* entries */
.inspector,.textpane{overflow:auto;min-height:0;border-left:1px solid var(--line);
background:#fcfcfd;position:relative}
.pane-bar{position:sticky;top:0;z-index:2;display:flex;align-items:center;gap:8px;
flex-wrap:wrap;padding:6px 12px;background:#eef2f6;border-bottom:1px solid var(--line)}
.pane-bar h2{margin:0;font-size:1rem}
.pane-status{color:var(--muted);font-size:.85rem;flex:1}
.hint{margin:10px 12px;color:var(--muted);font-size:.9rem}
.entry-list{padding:2px 12px 12px}
h3.group{margin:14px 0 4px;font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;
color:var(--muted)}
.entry{--k:var(--claim);border:1px solid #d8dee4;border-left:5px solid var(--k);border-radius:6px;
padding:6px 12px 8px;margin:8px 0;background:#fff;content-visibility:auto;
contain-intrinsic-size:auto 160px;scroll-margin-top:48px}
.entry.k-thesis{--k:var(--thesis)}.entry.k-evidence{--k:var(--evidence)}
.entry.k-premise{--k:var(--premise)}.entry.k-assumption{--k:var(--assumption)}
.entry.k-objection{--k:var(--objection)}
.entry:target,.entry.current{box-shadow:0 0 0 2px var(--sel)}
.entry h4{margin:2px 0 0;font-size:1rem;display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.entry .eid{font-weight:700;color:var(--k)}
.kind{font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);
font-weight:600}
.where{margin:0;font-size:.8rem;color:var(--muted)}
.entry .text{margin:6px 0}
.entry .why{margin:4px 0 6px}
.fields{margin:6px 0 0;display:grid;grid-template-columns:max-content minmax(0,1fr);
gap:3px 10px;font-size:.9rem}
.fields dt{color:var(--muted);font-weight:600;font-size:.8rem;padding-top:2px}
.fields dd{margin:0}
.fields ul,.fields ol{margin:0;padding-left:1.2em}
.reasons li{margin:1px 0;background:none}
.reasons .name{font-weight:600}
.linked{font-size:.75rem;color:var(--muted);border:1px solid var(--line);border-radius:4px;
padding:0 4px}
.state{color:var(--muted);font-size:.88em}
.citations .refer{color:#3d444d}
.findings li{margin:2px 0}
details.trace{margin-top:8px;font-size:.86rem}
details.trace summary{cursor:pointer;color:var(--muted);font-weight:600;font-size:.8rem}
ul.tree,ul.tree ul{list-style:none;margin:0;padding:0}
ul.tree ul{padding-left:12px;margin-left:5px;border-left:1px solid #d8dee4}
ul.tree li{margin:2px 0}
ul.tree em{color:var(--muted);font-size:.92em;font-style:normal}
ul.tree small{color:var(--muted);font-size:.85em}
ul.tree li>small:first-of-type{font-size:.68rem;text-transform:uppercase;letter-spacing:.05em;
font-weight:600}
ul.tree a[class^=k-]{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
font-size:.9em;text-decoration:none;border-bottom:1px dotted currentColor;white-space:nowrap}
ul.tree a.k-thesis{color:var(--thesis);font-weight:700}ul.tree a.k-claim{color:var(--claim)}
ul.tree a.k-evidence{color:var(--evidence)}ul.tree a.k-premise{color:var(--premise)}
ul.tree a.k-assumption{color:var(--assumption)}ul.tree a.k-objection{color:var(--objection)}
ul.tree b{display:inline-block;font:600 10px/15px ui-monospace,SFMono-Regular,Menlo,Consolas,
monospace;padding:0 5px;border-radius:8px;vertical-align:1px}
ul.tree li.c{color:#3d444d}
.more{color:var(--muted);font-style:italic}
.js .entry-list.one .entry:not(.current),.js .entry-list.one h3.group{display:none}
.js .entry-list.list .entry.filtered,.js .entry-list.list h3.group.filtered{display:none}
.js .entry-list.list .entry .fields,.js .entry-list.list .entry .trace,
.js .entry-list.list .entry .why,.js .entry-list.list .entry .where{display:none}
.js .entry-list.list .entry{cursor:pointer;contain-intrinsic-size:auto 80px}
.js .entry-list.list .entry .text{margin:2px 0 0;font-size:.9rem}
.js .entry-list.list .entry:hover{background:#f3f7fb}
.js .entry-list.one .hint,.js .entry-list.list .back{display:none}
.no-js .js-only{display:none}
/* the analysed text */
.paras{padding:4px 12px 12px}
.para{scroll-margin-top:48px;display:grid;grid-template-columns:2.4em minmax(0,1fr);
column-gap:6px;padding:6px 4px;border-bottom:1px solid #eef0f2;border-left:4px solid transparent}
.pnum{grid-row:1/span 2;text-align:right;color:var(--muted);font-size:.8rem;text-decoration:none;
padding-top:2px}
.ptext{margin:0;font-size:.92rem}
.pnodes{margin:3px 0 0;font-size:.82rem;display:flex;flex-wrap:wrap;gap:2px 8px}
.pnodes.none{color:#b3261e;font-style:italic}
.para.uncovered{background:#fff6f5}
.para.unmapped{background:#f7f7f7}
.para.unmapped .pnodes.none{color:var(--muted)}
.para.hl{background:#fff3d6;border-left-color:var(--sel)}
/* findings and sources */
.rule-group h3{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.rule-group .count{color:var(--muted);font-weight:400}
.rule-summary{margin:0 0 6px;color:var(--muted)}
table.findings td.pos,table.findings td:first-child{white-space:nowrap}
table.sources .refer{display:block;color:#3d444d;font-size:.9rem;max-width:60ch}
table.sources .ids{display:block;font-size:.85rem;max-width:48ch}
table.sources tr.uncited{color:var(--muted)}
.legend{color:var(--muted);font-size:.9rem}
tr.filtered,.rule-group.filtered{display:none}
footer{padding:12px 24px 24px;color:var(--muted);font-size:.82rem;border-top:1px solid #eef0f2}
@media print{
@page{margin:14mm}
html{font-size:10.5pt;background:#fff}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.top{background:none;color:#000;padding:0 0 6px;border-bottom:2px solid #000}
.top .sub{color:#333}
.top nav,.toolbar,.js-only,.pane-bar button,.hint,.zoom{display:none!important}
main>section{padding:4px 0}
a{color:inherit;text-decoration:none}
.ref{border:0}
.workspace,.workspace.with-text{display:block;height:auto;border:0;overflow:visible}
.diagrams{display:block;overflow:visible}
.view,.js .view:not(.current){display:block!important;break-inside:avoid;margin-bottom:8mm}
.viewport,.no-js .viewport{overflow:visible;height:auto;border:0}
.viewport svg{width:auto!important;max-width:100%;height:auto!important;max-height:240mm;
margin:0 auto}
.inspector,.textpane{overflow:visible;border:0;background:none;height:auto;max-height:none}
.pane-bar{position:static;background:none;border-bottom:1px solid #000;padding:4px 0}
.entry-list{padding:0}
.js .entry-list .entry,.js .entry-list h3.group,.js .entry-list.list .entry .fields,
.js .entry-list.list .entry .trace,.js .entry-list.list .entry .why,
.js .entry-list.list .entry .where{display:block!important}
.js .entry-list.list .entry .fields{display:grid!important}
.entry{break-inside:avoid;content-visibility:visible;box-shadow:none!important}
.para{break-inside:avoid}
.para.hl{background:none;border-left-color:transparent}
g.node.sel{filter:none}
.filtering g.node:not(.match),.filtering g.edge{opacity:1}
tr.filtered,.rule-group.filtered{display:revert}
tr{break-inside:avoid}
section{break-before:auto}
#findings,#sources{break-before:page}
}
""".strip()
