import hljs from "highlight.js/lib/core";
import yaml from "highlight.js/lib/languages/yaml";
import json from "highlight.js/lib/languages/json";

hljs.registerLanguage("yaml", yaml);
hljs.registerLanguage("json", json);

/** Source with syntax highlighting, rendered on the server (highlight.js escapes the text it wraps). */
export function CodeBlock({ source, language, label }: { source: string; language: "yaml" | "json"; label: string }) {
  const html = hljs.highlight(source, { language }).value;
  return (
    <figure className="overflow-hidden rounded-lg border border-slate-200">
      <figcaption className="border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-xs text-slate-600">{label}</figcaption>
      <pre className="code-block max-h-[36rem] overflow-auto bg-white p-3 text-xs leading-5">
        <code dangerouslySetInnerHTML={{ __html: html }} />
      </pre>
    </figure>
  );
}
