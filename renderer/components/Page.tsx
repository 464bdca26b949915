import { useEffect, useRef, type ReactNode } from 'react';

/** One h1 per page; the title also names the window, and focus moves to it on navigation. */
export function Page({ title, lede, actions, children }: { title: string; lede?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — GrantPanel`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {lede ? <p className="lede">{lede}</p> : null}
        </div>
        {actions ? (
          <div className="button-row" style={{ marginTop: 0 }}>
            {actions}
          </div>
        ) : null}
      </div>
      {children}
    </>
  );
}
