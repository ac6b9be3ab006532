// Renders pages of Markdown with one real JavaScript engine, in one process.
// stdin: a JSON array of Markdown pages; stdout: a JSON array of their HTML.
// Usage: node render.mjs markdown-it-anchor|eleventy|vitepress|hexo|hexo-lower|github
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const engine = process.argv[2];
const pages = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));

async function renderer() {
  if (engine === 'markdown-it-anchor' || engine === 'eleventy' || engine === 'github') {
    const MarkdownIt = (await import('markdown-it')).default;
    const anchor = (await import('markdown-it-anchor')).default;
    if (engine === 'markdown-it-anchor') {
      return (src) => MarkdownIt({ html: true }).use(anchor).render(src);
    }
    if (engine === 'eleventy') {
      // Eleventy's `slugify` filter: @sindresorhus/slugify with decamelize off.
      const slugify = (await import('@sindresorhus/slugify')).default;
      const filter = (s) => slugify('' + s, { decamelize: false });
      return (src) => MarkdownIt({ html: true }).use(anchor, { slugify: filter }).render(src);
    }
    const GithubSlugger = (await import('github-slugger')).default;
    return (src) => {
      const slugger = new GithubSlugger();
      return MarkdownIt({ html: true }).use(anchor, { slugify: (s) => slugger.slug(s) }).render(src);
    };
  }
  if (engine === 'vitepress') {
    const { createMarkdownRenderer } = await import('vitepress');
    const md = await createMarkdownRenderer(mkdtempSync(join(tmpdir(), 'vp-')), {}, '/');
    return (src) => md.render(src, {});
  }
  if (engine === 'hexo' || engine === 'hexo-lower') {
    const render = require('hexo-renderer-marked/lib/renderer');
    const marked = {
      gfm: true, pedantic: false, breaks: true, smartLists: true, smartypants: true,
      modifyAnchors: engine === 'hexo' ? 0 : 1, autolink: true, mangle: true, sanitizeUrl: false,
      dompurify: false, headerIds: true, anchorAlias: false, lazyload: false, prependRoot: true,
      postAsset: false, external_link: { enable: false, exclude: [], nofollow: false },
      descriptionLists: true,
    };
    const ctx = {
      config: { marked, post_asset_folder: false, source_dir: 'source', url: 'http://example.com', root: '/' },
      execFilterSync() {},
    };
    return (src) => render.call(ctx, { text: src });
  }
  throw new Error(`unknown engine ${engine}`);
}

const render = await renderer();
process.stdout.write(JSON.stringify(pages.map((src) => render(src))));
