# What Jekyll 4 makes of each Markdown file named on the command line: kramdown with the GFM
# parser and Jekyll's default kramdown options, front matter cut as Jekyll cuts it.
# `ruby kramdown.rb ids FILE...`: one line per heading, in document order, "<file name>\t<id>".
# `ruby kramdown.rb html FILE...`: per file, a line "\0<file name>" and then its HTML.
require "kramdown"
require "kramdown-parser-gfm"

OPTIONS = {
  input: "GFM", auto_ids: true, toc_levels: (1..6).to_a, entity_output: :as_char,
  smart_quotes: "lsquo,rsquo,ldquo,rdquo", hard_wrap: false, footnote_nr: 1,
  show_warnings: false, syntax_highlighter: nil
}.freeze

def header_ids(element, out)
  out << element.attr["id"] if element.type == :header
  element.children.each { |child| header_ids(child, out) }
end

mode, *paths = ARGV
paths.each do |path|
  text = File.read(path, encoding: "utf-8")
  text = Regexp.last_match.post_match if text =~ /\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)/m
  document = Kramdown::Document.new(text, OPTIONS)
  if mode == "html"
    puts "\0#{File.basename(path)}"
    puts document.to_html
  else
    ids = []
    header_ids(document.root, ids)
    ids.each { |id| puts "#{File.basename(path)}\t#{id}" }
  end
end
