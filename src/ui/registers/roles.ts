import type { Role } from '../../model/plan';

/** The words that go with each role's colour, so the colour is never the only signal. */
export const ROLE_TEXT: Readonly<Record<Role, { badge: string; name: string; explain: string }>> = {
  'call-id': { badge: 'ID', name: 'call id', explain: 'selects the function' },
  argument: { badge: 'ARG', name: 'argument', explain: 'input to the call' },
  result: { badge: 'RES', name: 'result', explain: 'output of the call' },
  clobbered: { badge: 'LOST', name: 'clobbered', explain: 'may be changed; contents unknown after the call' },
  preserved: { badge: 'KEPT', name: 'preserved', explain: 'the callee keeps its value' },
  unused: { badge: '—', name: 'not involved', explain: 'the convention says nothing about it' },
};
