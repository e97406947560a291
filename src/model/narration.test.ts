import { describe, expect, it } from 'vitest';
import { callsFor, requireCall, requireConvention } from '../catalog';
import { catalog } from '../catalog/all';
import { guides } from '../catalog/guides';
import { placeNames } from './narration';
import { marshal } from './plan';

/**
 * Every sentence the app says, read for the slips a template makes: a level
 * id where a phrase belongs ("at guest"), a value or name that was missing
 * ("undefined", "NaN", two spaces, "()"), a word said twice ("the the"), or
 * a place said twice, under one name or two ("now running at EL1) at EL1",
 * "now in SVC mode) at EL1").
 */
const places = new Set(
  catalog.conventions.flatMap(({ arch }) => arch.levels.map((l) => placeNames(arch, l.id).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))),
);

function slips(text: string): string[] {
  const found: string[] = [];
  // A level's id used as a place ("at guest is about to"), not the words "at guest frame gpfn".
  if (/\bat (guest|host)\b(?! (frame|physical|virtual|address|memory|page))/i.test(text)) found.push('"at guest"');
  if (/\bundefined\b/.test(text)) found.push('"undefined"');
  if (/\bNaN\b/.test(text)) found.push('"NaN"');
  const doubled = /\b([a-z]+)\s+\1\b/i.exec(text);
  if (doubled) found.push(`doubled word "${doubled[0]}"`);
  // One level named as the place twice in a clause, under any of its names: a caller's phrase that says where it runs, then the narration's own place.
  for (const names of places) {
    // A name is a whole level name: RISC-V's "S" is not the start of "S-EL1".
    const place = new RegExp(`\\b(?:at|in) (${names})(?![\\w-])[^.:;]*\\b(?:at|in) (${names})(?![\\w-])`, 'i').exec(text);
    if (place) {
      found.push(`doubled place "${place[1]}", "${place[2]}"`);
      break;
    }
  }
  // Two spaces, "( )" after a space or a space before punctuation: a name that printed as nothing.
  if (/ {2}|\s\(\s*\)|\s[,.:;]|^\s|\s$/.test(text)) found.push('an empty name');
  return found;
}

const pairs = catalog.conventions.flatMap((conv) => callsFor(catalog, conv).map((call) => [conv.id, call.id] as const));

describe('narration', () => {
  it('finds the slips it looks for', () => {
    expect(slips('The guest kernel at guest is about to call X.')).toEqual(['"at guest"']);
    expect(slips('Load the the value undefined into x1 (NaN).')).toEqual(['"undefined"', '"NaN"', 'doubled word "the the"']);
    expect(slips('Load  = 0x1 into x2 ().')).toEqual(['an empty name']);
    expect(slips('The host kernel (booted at EL2, now running at EL1) at EL1 is about to call X.')).toEqual(['doubled place "EL1", "EL1"']);
    expect(slips('The host kernel (booted in HYP mode, now in SVC mode) at EL1 is about to call X.')).toEqual(['doubled place "SVC mode", "EL1"']);
    expect(slips('The host kernel (booted at EL2) at EL1 is about to call X. The stub at EL2 reads x0.')).toEqual([]);
    expect(slips('It maps the page at guest frame gpfn, as arm_smccc_1_2_hvc() does.')).toEqual([]);
    expect(slips('Load arg0 = 0x1 into x1: the entry point.')).toEqual([]);
  });

  it.each(pairs)('reads right for %s / %s', (convId, callId) => {
    const plan = marshal(requireConvention(catalog, convId), requireCall(catalog, callId));
    for (const step of plan.steps) expect(slips(step.text), `step ${step.index}: ${step.text}`).toEqual([]);
  });

  it.each(guides.map((g) => [g.id, g] as const))('reads right in guide %s', (_, guide) => {
    for (const text of [guide.title, guide.intro]) expect(slips(text), text).toEqual([]);
    for (const pane of guide.panes) {
      const plan = marshal(requireConvention(catalog, pane.convention), requireCall(catalog, pane.call));
      for (const step of plan.steps) expect(slips(step.text), `${pane.convention} step ${step.index}: ${step.text}`).toEqual([]);
    }
  });

  it.each(pairs)('places each level of a path once in a sentence: %s / %s', (convId, callId) => {
    const plan = marshal(requireConvention(catalog, convId), requireCall(catalog, callId));
    for (const { level } of plan.path?.lanes ?? []) {
      const name = level.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const twice = new RegExp(`\\b${name}\\b[^.:;]*\\bat ${name}\\b`, 'i');
      for (const step of plan.steps) expect(step.text, `step ${step.index}`).not.toMatch(twice);
    }
  });

  it('says once where the hyp-stub\'s caller runs', () => {
    const plan = marshal(requireConvention(catalog, 'hypstub-arm64'), requireCall(catalog, 'hypstub-arm64-set-vectors'));
    expect(plan.steps[0]!.text).toMatch(/^The host kernel \(booted at EL2\) at EL1 is about to call HVC_SET_VECTORS/);
  });

  it('lets the 32-bit hyp-stub\'s caller, "now in SVC mode", place itself: SVC mode is EL1', () => {
    const plan = marshal(requireConvention(catalog, 'hypstub-arm32'), requireCall(catalog, 'hypstub-arm32-set-vectors'));
    expect(plan.steps[0]!.text).toMatch(/^The host kernel \(booted in HYP mode, now in SVC mode\) is about to call HVC_SET_VECTORS/);
  });

  it('places an x86 caller in its mode, not "at guest"', () => {
    const plan = marshal(requireConvention(catalog, 'kvm-x86-vmcall'), requireCall(catalog, 'kvm-hc-kick-cpu'));
    expect(plan.steps[0]!.text).toMatch(/^The guest kernel in VMX non-root mode \(guest mode on AMD\) is about to call KVM_HC_KICK_CPU/);
  });
});
