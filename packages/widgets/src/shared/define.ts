type Versioned = CustomElementConstructor & { version?: string };

/**
 * Defines a tag without ever throwing: host pages load scripts twice. Does nothing when this
 * version of Mahjar already registered the tag; warns when a different version (or a
 * different library) did.
 */
export function defineElement(tag: string, ctor: Versioned): void {
  const existing = customElements.get(tag) as Versioned | undefined;
  if (!existing) customElements.define(tag, ctor);
  else if (existing !== ctor && existing.version !== ctor.version)
    console.warn(
      `<${tag}> is already defined (${existing.version ?? 'not Mahjar'}); Mahjar ${ctor.version} left it alone.`,
    );
}
