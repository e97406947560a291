import type { HandlerPath } from '../../model/exception';
import type { Source } from '../../model/source';

/** The handler of a hypervisor whose source is not public: no steps, and what is known instead. */
export const closedHandler = (who: string, text: string, sources: readonly Source[]): HandlerPath => ({ who, steps: [], closed: { text, sources } });
