import type { SandboxPerson } from './people';

/** Text for HTML: nothing a person's name (or a parameter) holds can become markup. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A page of the sandbox provider. Self-contained: no font, script or style from anywhere else (the library's own
 * pages load a font from a CDN, and the sandbox works offline).
 */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
h2{margin-top:1.6rem;font-size:1.1rem}button{display:block;width:100%;margin:.3rem 0;padding:.55rem .7rem;
text-align:start;font-size:1rem;cursor:pointer}small{color:#4a4a4a}label{display:block;margin:.4rem 0}
input{font-size:1rem;padding:.4rem;width:12rem}.row{display:flex;gap:.5rem;align-items:end}
.row button{width:auto}.notice{background:#fff6d6;padding:.6rem .8rem;border-radius:.3rem}</style></head>
<body><main>${body}</main></body></html>`;
}

function personButton(person: SandboxPerson): string {
  const detail = [person.role, person.nationalId, person.office, person.note].filter(Boolean).join(' · ');
  return `<button type="submit" name="person" value="${escapeHtml(person.id)}" data-person="${escapeHtml(
    person.nationalId ?? person.id,
  )}">${escapeHtml(person.name)} <span lang="ar">${escapeHtml(person.nameAr)}</span> <small>${escapeHtml(
    detail,
  )}</small></button>`;
}

/** The login page: pick a sandbox person, or type a citizen's national ID (as Nafath asks for it). */
export function pickerPage(uid: string, clientName: string, people: SandboxPerson[], problem?: string): string {
  const action = `/interaction/${escapeHtml(uid)}/login`;
  const group = (title: string, members: SandboxPerson[]) =>
    members.length
      ? `<h2>${escapeHtml(title)}</h2><form method="post" action="${action}">${members.map(personButton).join('\n')}</form>`
      : '';
  return page(
    'Sandbox sign-in',
    `<h1>Sandbox sign-in</h1>
<p class="notice">The development stand-in for the national single sign-on (Nafath): no password, pick who you are.
Signing in to <b>${escapeHtml(clientName)}</b>.</p>
${problem ? `<p role="alert" id="problem">${escapeHtml(problem)}</p>` : ''}
<h2>A citizen by national ID</h2>
<form method="post" action="${action}" class="row">
<label>National ID <input id="national-id" name="national_id" inputmode="numeric" autocomplete="off" dir="ltr"
pattern="[0-9]{10}" required></label><button type="submit" id="national-id-sign-in">Sign in</button></form>
${group(
  'Seeded citizens',
  people.filter((p) => p.role === 'citizen'),
)}
${group(
  'Clerks',
  people.filter((p) => p.role === 'clerk'),
)}
${group(
  'Operators',
  people.filter((p) => p.role === 'operator' || p.role === 'supervisor' || p.role === 'support'),
)}
<p><a id="cancel" href="/interaction/${escapeHtml(uid)}/abort">Cancel</a></p>`,
  );
}

/** Sign-out: with an ID token hint the pages asked for it, so it goes ahead; without, the person confirms. */
export function logoutPage(form: string, confirmed: boolean): string {
  return page(
    'Sign out',
    `<h1>Sign out of the sandbox sign-in?</h1>${form}
<button id="sign-out" type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button>
<button id="stay" type="submit" form="op.logoutForm">Stay signed in</button>
${
  confirmed
    ? `<script>var f=document.getElementById('op.logoutForm'),i=document.createElement('input');
i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();</script>`
    : ''
}`,
  );
}

export const signedOutPage = () => page('Signed out', '<h1>Signed out</h1><p>You may close this page.</p>');

export const errorPage = (error: string, description?: string) =>
  page(
    'Sign-in error',
    `<h1>Sign-in error</h1><p id="error">${escapeHtml(error)}${description ? `: ${escapeHtml(description)}` : ''}</p>`,
  );

export const expiredPage = () =>
  page('Sign-in', '<h1>This sign-in has expired</h1><p>Start again from the page you were signing in to.</p>');
