# Renders pages of Markdown with Jekyll's own Markdown converter, in one process.
# stdin: a JSON array of Markdown pages; stdout: a JSON array of their HTML.
# Usage: ruby render.rb jekyll|kramdown   (kramdown: Jekyll with `kramdown: input: kramdown`)
require 'json'
require 'jekyll'

pages = JSON.parse($stdin.read)
overrides = ARGV[0] == 'kramdown' ? { 'kramdown' => { 'input' => 'kramdown' } } : {}
config = Jekyll::Utils.deep_merge_hashes(Jekyll::Configuration::DEFAULTS, overrides)
html = pages.map do |src|
  # A converter per page: kramdown numbers repeated ids per document.
  Jekyll::Converters::Markdown.new(config).convert(src)
end
$stdout.write(JSON.generate(html))
