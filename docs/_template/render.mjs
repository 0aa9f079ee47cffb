// Static HTML for the documentation site, from what `myst build --site` wrote into docs/_build/site.
// Usage: node docs/_template/render.mjs NODE_MODULES_DIR   (the folder holding myst-to-html)
// mystmd's own themes are downloaded at build time; this renderer needs nothing but npm's myst-to-html,
// so the site builds offline. One flat folder of pages, named for their source file, so that links are plain
// relative file names and the site opens from the disk (file://) as well as from any web server.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = path.resolve(process.argv[2] ?? '.ci/myst/node_modules');
const { mystToHtml } = await import(pathToFileURL(path.join(modules, 'myst-to-html/dist/index.js')).href);

const docs = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const site = path.join(docs, '_build', 'site');
const out = path.join(docs, '_build', 'html');
const config = JSON.parse(fs.readFileSync(path.join(site, 'config.json'), 'utf8'));
const project = config.projects[0];

// The page's output name comes from its source path: index.md -> index.html, benchmarks/x.md ->
// benchmarks-x.html, ../notebooks/zh/teacher/class-summary.ipynb -> zh-teacher-class-summary.html.
function outputName(location) {
  const rel = location.replace(/^\//, '').replace(/^\.\.\/notebooks\//, '');
  return rel.replace(/\.(md|ipynb)$/, '').replace(/\//g, '-') + '.html';
}
const langOf = (location) => (/\/notebooks\/zh\//.test(location) ? 'zh-Hans' : 'en');

const pages = [{ slug: project.index, title: null, level: 0 }, ...project.pages];
const contents = new Map();
for (const page of pages.filter((p) => p.slug)) {
  const data = JSON.parse(fs.readFileSync(path.join(site, 'content', `${page.slug}.json`), 'utf8'));
  contents.set(page.slug, { ...data, file: outputName(data.location), lang: langOf(data.location) });
}
const fileOfSlug = (slug) => contents.get(slug)?.file;

const escape = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

// Notebook outputs as the stored notebook has them: HTML as is, else an image, else plain text.
function outputHtml(output) {
  const data = output.jupyter_data ?? {};
  if (data.output_type === 'stream') return `<pre class="output-text">${escape(data.text ?? '')}</pre>`;
  if (data.output_type === 'error') return ''; // the build refuses notebooks with errors; nothing to show
  const bundle = data.data ?? {};
  const text = (mime) => bundle[mime]?.content ?? '';
  if (bundle['text/html']) return `<div class="output-html">${text('text/html')}</div>`;
  for (const mime of ['image/png', 'image/jpeg', 'image/svg+xml']) {
    if (bundle[mime]?.path) return `<img src="${escape(bundle[mime].path.replace(/^\//, ''))}" alt="">`;
  }
  if (bundle['text/markdown']) return `<pre class="output-text">${escape(text('text/markdown'))}</pre>`;
  if (bundle['text/plain']) return `<pre class="output-text">${escape(text('text/plain'))}</pre>`;
  return '';
}

// Lesson pages show what a learner reads in the code-free app: the text and the stored outputs, no code
// and no JupyterLab-only instructions (cells tagged lab-only).
function prepare(node, isNotebook) {
  if (!node.children) return node;
  const children = [];
  for (const child of node.children) {
    if (child.type === 'block' && (child.data?.tags ?? []).includes('lab-only')) continue;
    if (isNotebook && child.type === 'code' && child.value !== undefined) continue;
    if (child.type === 'link' && child.internal && child.url?.startsWith('/')) {
      const [slug, anchor] = child.url.slice(1).split('#');
      const file = fileOfSlug(slug);
      if (file) child.url = file + (anchor ? `#${anchor}` : '');
    }
    if (child.type === 'output') {
      children.push({ type: 'html', value: outputHtml(child) });
      continue;
    }
    children.push(prepare(child, isNotebook));
  }
  return { ...node, children };
}

function render(content) {
  const isNotebook = content.location.endsWith('.ipynb');
  const tree = prepare(structuredClone(content.mdast), isNotebook);
  return mystToHtml(tree, {
    hast: { allowDangerousHtml: true },
    stringifyHtml: { allowDangerousHtml: true },
  });
}

// The pages list, grouped as in the table of contents. A Chinese page lists only the Chinese lessons, so
// that it shows no English; an English page lists everything, the Chinese lessons included.
function navigation(current, lang) {
  const groups = [];
  for (const page of project.pages) {
    if (!page.slug) groups.push({ title: page.title, pages: [] });
    else if (groups.length) groups.at(-1).pages.push(page);
    else groups.push({ title: null, pages: [page] });
  }
  const items = [];
  for (const group of groups) {
    const groupLang = group.pages.length ? contents.get(group.pages[0].slug).lang : 'en';
    if (lang !== 'en' && groupLang !== lang) continue;
    const links = group.pages.map((page) => {
      const here = page.slug === current ? ' aria-current="page"' : '';
      return `<li><a href="${fileOfSlug(page.slug)}"${here}>${escape(page.title)}</a></li>`;
    });
    const attr = groupLang === lang ? '' : ` lang="${groupLang}"`;
    const title = group.title ? `<span class="nav-group">${escape(group.title)}</span>` : '';
    items.push(`<li${attr}>${title}<ul>${links.join('')}</ul></li>`);
  }
  return `<ul>${items.join('')}</ul>`;
}

const style = fs.readFileSync(path.join(docs, '_template', 'site.css'), 'utf8');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
for (const [slug, content] of contents) {
  const title = content.frontmatter?.title ?? project.title;
  const heading = content.frontmatter?.content_includes_title ? '' : `<h1>${escape(title)}</h1>`;
  const home = slug === project.index || content.lang !== 'en' ? '' : `<a href="index.html">${escape(project.title)}</a>`;
  const html = `<!doctype html>
<html lang="${content.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}${slug === project.index ? '' : ` · ${escape(project.title)}`}</title>
<style>${style}</style>
</head>
<body>
<a class="skip" href="#main">${content.lang === 'en' ? 'Skip to content' : '跳到正文'}</a>
<header>${home}</header>
<div class="layout">
<nav aria-label="${content.lang === 'en' ? 'Pages' : '页面'}">${navigation(slug, content.lang)}</nav>
<main id="main" data-source="${escape(content.location.replace(/^\//, ''))}">
${heading}
${render(content)}
</main>
</div>
</body>
</html>
`;
  fs.writeFileSync(path.join(out, content.file), html);
}
// Images and files the pages refer to (mystmd copies them into its public folder).
const publicDir = path.join(site, 'public');
if (fs.existsSync(publicDir)) {
  // not the copies of the sources that mystmd keeps for its own theme's download buttons
  const kept = (src) => !/\.(ipynb|md)$/.test(src);
  fs.cpSync(publicDir, out, { recursive: true, filter: kept });
}
console.log(`wrote ${contents.size} pages to ${path.relative(process.cwd(), out) || out}`);
