-- A pandoc Lua filter that reads each page with pandoc's own reader and prints the identifiers
-- it gives the headers: one a line, and a line "\30" after each page. The pages come from the
-- file named by the environment variable PAGES, separated by lines "\30"; the reader format
-- (markdown or gfm) from READER. One pandoc process for all pages.
local f = io.open(os.getenv("PAGES"), "r")
local text = f:read("a")
f:close()
local reader = os.getenv("READER")

function Pandoc(doc)
  for page in (text .. "\n\30\n"):gmatch("(.-)\n\30\n") do
    local ids = {}
    pandoc.read(page, reader):walk({
      Header = function(h) table.insert(ids, h.identifier) end,
    })
    for _, id in ipairs(ids) do io.write(id, "\n") end
    io.write("\30\n")
  end
  return doc
end
