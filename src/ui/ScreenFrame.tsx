import { useEffect, useRef, type ReactNode } from 'react';

interface ScreenFrameProps {
  title: string;
  /** A line above the title such as "Step 3 of 7". */
  eyebrow?: string | undefined;
  children?: ReactNode;
  /** Buttons at the bottom: primary action last, so it sits under the thumb on phones. */
  actions?: ReactNode;
  busy?: boolean;
}

/**
 * One screen of the flow. Its heading takes focus when the screen appears, so keyboard and
 * screen-reader users hear where they are instead of being left on a button that vanished.
 */
export function ScreenFrame({ title, eyebrow, children, actions, busy = false }: ScreenFrameProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [title]);
  return (
    <section className="mk-screen" aria-busy={busy || undefined} aria-labelledby="mk-screen-title">
      <header className="mk-screen__header">
        {eyebrow && <p className="mk-eyebrow">{eyebrow}</p>}
        <h1 id="mk-screen-title" ref={heading} tabIndex={-1} className="mk-title">
          {title}
        </h1>
      </header>
      <div className="mk-screen__body">{children}</div>
      {actions && <div className="mk-actions">{actions}</div>}
    </section>
  );
}
