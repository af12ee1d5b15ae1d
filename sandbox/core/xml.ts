// Small helpers for building awsQuery XML by hand: the responses are simple and an XML library would add nothing.

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => XML_ESCAPES[char]);
}

/** `<name>value</name>`, or nothing when the value is absent, as AWS omits unset members. */
export function xmlElement(name: string, value: string | number | boolean | Date | undefined | null): string {
  if (value === undefined || value === null) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** A list as awsQuery serialises it: `<name><member>…</member>…</name>`, members already rendered as XML. */
export function xmlMemberList(name: string, renderedMembers: readonly string[]): string {
  return `<${name}>${renderedMembers.map((member) => `<member>${member}</member>`).join("")}</${name}>`;
}
