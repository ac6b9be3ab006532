-- A pandoc Lua filter that reads each page with pandoc's own reader and writes the identifiers
-- it gives the headers to the file named by OUT: one a line, and a line "\30" after each page. The pages come from the
-- file named by the environment variable PAGES, separated by lines "\30"; the reader format
-- (markdown or gfm) from READER. One pandoc process for all pages.
local f = io.open(os.getenv("PAGES"), "r")
local text = f:read("a")
f:close()
local reader = os.getenv("READER")

function Pandoc(doc)
  local out = io.open(os.getenv("OUT"), "w")
  for page in (text .. "\n\30\n"):gmatch("(.-)\n\30\n") do
    local ids = {}
    pandoc.read(page, reader):walk({
      Header = function(h) table.insert(ids, h.identifier) end,
    })
    for _, id in ipairs(ids) do out:write(id, "\n") end
    out:write("\30\n")
  end
  out:close()
  return doc
end
