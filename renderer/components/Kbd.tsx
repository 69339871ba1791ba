import type { ReactNode } from 'react';

/** A key cap, for showing shortcuts beside the controls they drive. */
export function Kbd({ children }: { readonly children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}
