// The pieces every simulated hosted page shares: one stylesheet (each provider picks its accent),
// the page shell and an accessible form field. Plain HTML: no script, nothing external.
import { escapeHtml as e } from './http.js';

export interface PageTheme {
  /** The sandbox badge: "PITECH sandbox". */
  badge: string;
  /** Colour of the main button. */
  accent: string;
  /** Background of the sandbox badge. */
  badgeBackground: string;
}

const style = (theme: PageTheme) => `
*{box-sizing:border-box}
body{margin:0;font:16px/1.4 system-ui,sans-serif;background:#f3f5f8;color:#1c2330}
main{max-width:26rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 2px 12px #0002}
h1{font-size:1.1rem;margin:0 0 .25rem}
.sandbox{display:inline-block;font-size:.75rem;background:${theme.badgeBackground};border-radius:4px;padding:0 .4rem;margin-bottom:.75rem}
.summary{margin:0 0 1rem}.summary dt{font-size:.8rem;color:#5b6475}.summary dd{margin:0 0 .5rem}
.amount{font-size:1.5rem;font-weight:600}
label{display:block;font-size:.85rem;margin:.75rem 0 .25rem}
input,select{width:100%;padding:.55rem .6rem;border:1px solid #b8c0cc;border-radius:6px;font:inherit}
input[aria-invalid=true]{border-color:#c62828}
.row{display:flex;gap:.75rem}.row>div{flex:1}
.error{color:#c62828;font-size:.8rem;margin:.25rem 0 0}
.alert{background:#fdecea;color:#8e1c1c;border-radius:6px;padding:.5rem .75rem}
.actions{display:flex;gap:.75rem;margin-top:1.25rem}
button{flex:1;padding:.65rem;border-radius:6px;border:0;font:inherit;cursor:pointer}
.pay,.primary{background:${theme.accent};color:#fff}.cancel,.secondary{background:#e6e9ef;color:#1c2330}
.note{margin-top:1.25rem;font-size:.8rem;color:#5b6475}.note ul{padding-left:1.1rem;margin:.25rem 0}
code{font-size:.8rem}
`;

export function renderPage(title: string, body: string, theme: PageTheme, showBadge = true): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)}</title><style>${style(theme)}</style></head>
<body><main>${showBadge ? `<span class="sandbox">${e(theme.badge)}</span>` : ''}${body}</main></body></html>`;
}

/** A labelled input whose error is tied to it (aria-invalid, aria-describedby). */
export function formField(name: string, label: string, value: string, error: string | undefined, attrs: string): string {
  const id = `f-${name}`;
  return `<div><label for="${id}">${label}</label>
<input id="${id}" name="${name}" value="${e(value)}" required ${attrs}${error ? ` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${
    error ? `<p class="error" id="${id}-error">${e(error)}</p>` : ''
  }</div>`;
}
