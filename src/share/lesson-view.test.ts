import { describe, expect, it } from 'vitest';
import { findTerm, glossary, plainText, textParts } from '../catalog/glossary';
import { lessons } from '../catalog/lessons';
import { FIRST_LESSON } from '../ui/lessons/LessonEntry';
import { catalog } from '../catalog/all';
import { decodePermalink, encodePermalink, linkNeeds, readLink } from './permalink';
import { lessonOf } from './lesson-view';

describe('lessons as links', () => {
  it.each(lessons.map((l) => [l.id, l] as const))('#/lesson/%s opens its view, at its step, and encodes back to itself', (id, lesson) => {
    const d = decodePermalink(catalog, `#/lesson/${id}`);
    expect(d.messages).toEqual([]);
    expect(d.state.lesson).toBe(id);
    expect(lessonOf(d.state)?.lesson).toBe(lesson);
    expect(encodePermalink(d.state)).toBe(`#/lesson/${id}${d.state.step > 0 ? `?at=${d.state.step + 1}` : ''}`);
    expect(linkNeeds(readLink(`#/lesson/${id}`)).conventions.length).toBeGreaterThan(0);
    expect(lesson.sources.length).toBeGreaterThan(0);
  });

  it('opens the trap lesson at the trap, keeps a step and present=1, and forgets the lesson once the call changes', () => {
    expect(decodePermalink(catalog, '#/lesson/the-trap').state.step).toBe(5);
    const d = decodePermalink(catalog, '#/lesson/the-trap?at=7&present=1');
    expect(d.state).toMatchObject({ step: 6, present: true, lesson: 'the-trap' });
    expect(encodePermalink(d.state)).toBe('#/lesson/the-trap?at=7&present=1');
    const other = { ...d.state, call: 'psci-cpu-off' };
    expect(lessonOf(other)).toBeUndefined();
    expect(encodePermalink(other)).not.toContain('lesson');
  });

  it('names a lesson it does not know and shows the default view', () => {
    expect(decodePermalink(catalog, '#/lesson/nope').messages[0]).toMatch(/lesson Trapscope does not know/);
  });

  it('the page links the first lesson', () => {
    expect(FIRST_LESSON).toBe(lessons[0]!.id);
  });
});

describe('the glossary', () => {
  it('defines every term a lesson marks, each with a source', () => {
    for (const l of lessons)
      for (const p of textParts(l.text)) if (p.kind === 'term') expect(findTerm(p.term), `${l.id}: ${p.term}`).toBeDefined();
    for (const t of glossary) expect(t.sources.length, t.term).toBeGreaterThan(0);
    expect(glossary.map((t) => t.term)).toEqual(expect.arrayContaining(['EL1', 'EL2', 'EL3', 'ESR_EL2', 'EC', 'IL', 'ISS', 'SMC32/SMC64', 'function ID', 'VM exit', 'preserved', 'clobbered']));
  });

  it('reads [[term]] and [[term|words]] marks, and gives the plain text', () => {
    expect(plainText('the [[EC]] and [[SMC32/SMC64|SMC64]].')).toBe('the EC and SMC64.');
  });
});
