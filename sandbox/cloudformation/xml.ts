// Building the inner XML of awsQuery results: elements, `<member>` lists and ISO 8601 timestamps.

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** `<Name>value</Name>`, or nothing when the value is absent. */
export function el(name: string, value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return "";
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** An element whose content is already XML. */
export function raw(name: string, xml: string | undefined): string {
  return xml === undefined ? "" : `<${name}>${xml}</${name}>`;
}

export function memberList<T>(name: string, items: T[] | undefined, render: (item: T) => string): string {
  if (items === undefined) return "";
  return `<${name}>${items.map((item) => `<member>${render(item)}</member>`).join("")}</${name}>`;
}

export function stringMembers(name: string, items: string[] | undefined): string {
  return memberList(name, items, escapeXml);
}
