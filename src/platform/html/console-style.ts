/**
 * The console's one stylesheet, served at /console/assets/console.css. Design tokens first (colours with
 * at least 4.5:1 contrast on their backgrounds, one spacing scale, one radius); pages use the classes below
 * and never set colours of their own. Works from a phone to a desktop; a tablet gets the desktop layout.
 */
export const CONSOLE_CSS = `
:root {
  --ink: #1b1f24; --ink-soft: #4a525c; --paper: #ffffff; --wash: #f3f5f7; --line: #c9d0d8;
  --brand: #1f4fd1; --brand-ink: #ffffff; --ok: #106b32; --warn: #8a4b00; --bad: #b3261e;
  --focus: #f2b705; --space: 0.5rem; --radius: 6px;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; --mono: ui-monospace, Menlo, Consolas, monospace;
}
* { box-sizing: border-box; }
html { font-family: var(--font); font-size: 100%; color: var(--ink); background: var(--wash); }
body { margin: 0; line-height: 1.5; }
a { color: var(--brand); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: var(--space); top: var(--space); background: var(--paper); padding: var(--space); z-index: 10; }
.top { display: flex; flex-wrap: wrap; align-items: center; gap: calc(var(--space) * 2); padding: var(--space) calc(var(--space) * 2);
  background: var(--ink); color: var(--paper); }
.top a, .top button.link { color: var(--paper); }
.top .brand { font-weight: 700; text-decoration: none; margin-right: var(--space); }
.top nav ul { display: flex; flex-wrap: wrap; gap: var(--space); list-style: none; margin: 0; padding: 0; }
.top nav a { display: inline-block; padding: calc(var(--space) / 2) var(--space); border-radius: var(--radius); text-decoration: none; }
.top nav a[aria-current="page"] { background: var(--paper); color: var(--ink); }
.top .who { margin-left: auto; display: flex; align-items: center; gap: var(--space); flex-wrap: wrap; }
.top form { margin: 0; }
.top form.search input { width: 14rem; max-width: 60vw; }
main { max-width: 78rem; margin: 0 auto; padding: calc(var(--space) * 3) calc(var(--space) * 2); }
main.narrow { max-width: 28rem; }
h1 { font-size: 1.6rem; margin: 0 0 calc(var(--space) * 2); }
h2 { font-size: 1.2rem; margin: calc(var(--space) * 3) 0 var(--space); }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: var(--radius); padding: calc(var(--space) * 2); margin-bottom: calc(var(--space) * 2); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: calc(var(--space) * 2); }
.figure { font-size: 2rem; font-weight: 700; margin: 0; }
label { display: block; font-weight: 600; margin: var(--space) 0 calc(var(--space) / 2); }
input, select, textarea { font: inherit; font-size: 1rem; padding: var(--space); border: 1px solid var(--ink-soft); border-radius: var(--radius); width: 100%; background: var(--paper); color: var(--ink); }
input[type="checkbox"], input[type="radio"] { width: auto; }
.check { display: flex; gap: var(--space); align-items: center; font-weight: 400; }
button, .button { font: inherit; font-size: 1rem; display: inline-block; padding: var(--space) calc(var(--space) * 2); border-radius: var(--radius);
  border: 1px solid var(--brand); background: var(--brand); color: var(--brand-ink); cursor: pointer; text-decoration: none; min-height: 2.75rem; }
button.secondary, .button.secondary { background: var(--paper); color: var(--brand); }
button.danger { background: var(--bad); border-color: var(--bad); }
button.link { background: none; border: none; padding: 0; min-height: 0; text-decoration: underline; color: var(--brand); }
.actions { display: flex; flex-wrap: wrap; gap: var(--space); margin-top: calc(var(--space) * 2); align-items: center; }
.error { color: var(--bad); font-weight: 600; }
.notice { border-left: 4px solid var(--brand); background: var(--paper); padding: var(--space) calc(var(--space) * 2); margin-bottom: calc(var(--space) * 2); }
.notice.bad { border-color: var(--bad); }
.muted { color: var(--ink-soft); }
.late { color: var(--bad); font-weight: 600; }
table { border-collapse: collapse; width: 100%; background: var(--paper); }
th, td { text-align: left; padding: var(--space); border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--wash); font-weight: 600; }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: var(--radius); }
.filters { display: flex; flex-wrap: wrap; gap: var(--space) calc(var(--space) * 2); align-items: flex-end; margin-bottom: calc(var(--space) * 2); }
.filters > div { min-width: 10rem; }
.pager { display: flex; gap: calc(var(--space) * 2); margin-top: var(--space); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: calc(var(--space) / 2) calc(var(--space) * 2); margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
code, .mono { font-family: var(--mono); font-size: 0.95em; overflow-wrap: anywhere; }
.nowrap { white-space: nowrap; }
.split { display: grid; grid-template-columns: minmax(16rem, 1fr) 2fr; gap: calc(var(--space) * 2); }
@media (max-width: 48rem) { .split { grid-template-columns: 1fr; } .top .who { margin-left: 0; } }
kbd { font-family: var(--mono); border: 1px solid var(--line); border-radius: 3px; padding: 0 0.3em; background: var(--wash); }
/* The review workbench: documents in a scrolling frame (zoomed and rotated by review.js), reasons in a grid. */
.viewer { overflow: auto; max-height: 75vh; background: var(--wash); border: 1px solid var(--line); border-radius: var(--radius); }
.viewer img { display: block; max-width: 100%; height: auto; transform-origin: top left; }
.viewer iframe { display: block; width: 100%; height: 75vh; border: 0; background: var(--paper); }
fieldset { border: 1px solid var(--line); border-radius: var(--radius); padding: var(--space) calc(var(--space) * 2); margin: 0; }
legend { font-weight: 600; padding: 0 calc(var(--space) / 2); }
fieldset .cards { gap: 0 calc(var(--space) * 2); grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }
/* The program theme editor: the hosted form previewed at a phone's and a desktop's width; messages beside their defaults. */
.previews { display: flex; flex-wrap: wrap; gap: calc(var(--space) * 2); align-items: flex-start; }
.previews iframe { border: 1px solid var(--line); border-radius: var(--radius); background: var(--paper); height: 40rem; }
.previews iframe.phone { width: 390px; max-width: 100%; }
.previews iframe.desktop { flex: 1 1 36rem; min-width: 0; }
table.messages th[scope="row"] { width: 30%; font-weight: 400; background: var(--paper); }
table.messages td.muted { width: 35%; }
input[type="color"] { height: 2.75rem; padding: 2px; }
`;
