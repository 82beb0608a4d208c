import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from '../i18n/react.tsx';

interface ScreenFrameProps {
  title: string;
  /** A line above the title such as "Step 3 of 7". */
  eyebrow?: string | undefined;
  children?: ReactNode;
  /** Buttons at the bottom: primary action last, so it sits under the thumb on phones. */
  actions?: ReactNode;
  busy?: boolean;
}

/** Per widget: the first screen's title, whether the person has moved on from it since, and the language last seen. */
interface FocusMemory {
  firstTitle?: string;
  moved: boolean;
  language?: string;
}
export const FocusMemoryContext = createContext<FocusMemory>({ moved: true });

/**
 * One screen of the flow. When the person moves to it, its heading takes focus, so keyboard and
 * screen-reader users hear where they are instead of being left on a button that vanished. The
 * first screen does not take focus: the widget must not pull focus away from the host's page.
 */
export function ScreenFrame({ title, eyebrow, children, actions, busy = false }: ScreenFrameProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const memory = useContext(FocusMemoryContext);
  const { i18n } = useTranslation();
  const language = i18n.language;
  useEffect(() => {
    // A title that changed only because the person switched language is the same screen: focus
    // stays on the language menu they are using.
    const switched = memory.language !== undefined && memory.language !== language;
    memory.language = language;
    if (switched) {
      if (!memory.moved) memory.firstTitle = title;
      return;
    }
    memory.firstTitle ??= title;
    if (!memory.moved && title === memory.firstTitle) return;
    memory.moved = true;
    heading.current?.focus();
  }, [title, memory, language]);
  return (
    <section className="mk-screen" aria-busy={busy || undefined} aria-labelledby="mk-screen-title">
      <header className="mk-screen__header">
        {eyebrow && <p className="mk-eyebrow">{eyebrow}</p>}
        {/* dir="auto": a merchant's step name in Hebrew or Arabic reads right to left, ours left to right. */}
        <h1 id="mk-screen-title" ref={heading} tabIndex={-1} className="mk-title" dir="auto">
          {title}
        </h1>
      </header>
      <div className="mk-screen__body">{children}</div>
      {actions && <div className="mk-actions">{actions}</div>}
    </section>
  );
}
