/**
 * An element of a parsed reply, with its namespace resolved from the `xmlns` declarations in scope:
 * instances may use any prefix (or a default namespace), so code matches on namespace and local
 * name, never on a prefix. Comments and processing instructions are dropped.
 */
export interface XmlElement {
  /** The namespace URI, or '' for an element in no namespace (XBau's unqualified elements). */
  readonly namespace: string;
  readonly localName: string;
  /** Attributes without a prefix (listURI, standard, …), by name; namespaced ones (xsi:…, xmlns…) are left out. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** The element's own text (entities decoded, trimmed), '' if it has none. */
  readonly text: string;
}

/** One step of a path: a child's namespace URI ('' for unqualified) and local name. */
export type XmlStep = readonly [namespace: string, localName: string];

/** The first child with this namespace and local name. */
export function childElement(parent: XmlElement, [namespace, localName]: XmlStep): XmlElement | undefined {
  return parent.children.find((child) => child.localName === localName && child.namespace === namespace);
}

/** All children with this namespace and local name, in document order. */
export function childElements(parent: XmlElement, [namespace, localName]: XmlStep): XmlElement[] {
  return parent.children.filter((child) => child.localName === localName && child.namespace === namespace);
}

/** The element at the end of a path of first children, if every step exists. */
export function elementAt(parent: XmlElement, path: readonly XmlStep[]): XmlElement | undefined {
  let current: XmlElement | undefined = parent;
  for (const step of path) current = current && childElement(current, step);
  return current;
}

/** The text at the end of a path, or undefined when the element is missing or empty. */
export function textAt(parent: XmlElement, path: readonly XmlStep[]): string | undefined {
  const text = elementAt(parent, path)?.text;
  return text === undefined || text === '' ? undefined : text;
}
