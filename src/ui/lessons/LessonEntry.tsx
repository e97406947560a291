/**
 * The way into the course from the page. A plain link with the first lesson's id, so that the lessons and their
 * sources (which reach into several families) load only when a lesson is opened; a unit test keeps the id in step.
 */
export const FIRST_LESSON = 'hypercall-vs-call';

export function LessonEntry() {
  return (
    <section className="panel p-3 sm:p-4" aria-labelledby="lessons-title">
      <h2 id="lessons-title" className="text-lg font-semibold">
        Lessons
      </h2>
      <p className="mt-1 text-sm">
        <a className="underline decoration-dotted" href={`#/lesson/${FIRST_LESSON}`}>
          A short course in eight steps
        </a>
        , from “a hypercall is not a function call” to the arm64 hyp-stub, made of these views. Press P on any step to project it.
      </p>
    </section>
  );
}
