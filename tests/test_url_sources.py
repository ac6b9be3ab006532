"""Export formats `add --from` reads, told from their content, and URLs found in free text."""

from datetime import datetime

from tui.digest.url_sources import Entry, entries_from, since, urls_in_text


def test_urls_in_text_leave_sentence_punctuation_out():
    text = ("읽어볼 것: https://a.example.com/x, (https://b.example.com/y_(z)) 그리고 "
            "<https://c.example.com/p?q=1&r=2>. 끝 https://d.example.com/글.\n")
    assert urls_in_text(text) == ["https://a.example.com/x", "https://b.example.com/y_(z)",
                                  "https://c.example.com/p?q=1&r=2", "https://d.example.com/글"]


def test_atom_opml_and_rdf():
    atom = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
      <entry><title>아톰 글</title><link rel="alternate" href="https://a.example.com/1"/>
        <link rel="replies" href="https://a.example.com/1#c"/><published>2026-12-08T10:00:00+09:00</published></entry>
    </feed>"""
    assert entries_from(atom) == ("rss/atom/opml", [
        Entry("https://a.example.com/1", "아톰 글", datetime(2026, 12, 8, 1, 0))])
    opml = """<opml version="2.0"><body><outline text="Starred">
      <outline text="Good post" type="link" url="https://o.example.com/p" created="Tue, 08 Dec 2026 12:00:00 GMT"/>
    </outline></body></opml>"""
    assert entries_from(opml)[1] == [Entry("https://o.example.com/p", "Good post", datetime(2026, 12, 8, 12))]
    rdf = """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/"><item><title>RDF</title><link>https://r.example.com/</link>
      <dc:date>2026-12-09</dc:date></item></rdf:RDF>"""
    assert entries_from(rdf)[1] == [Entry("https://r.example.com/", "RDF", datetime(2026, 12, 9))]


def test_csv_exports_of_pocket_instapaper_and_raindrop():
    pocket = ("title,url,time_added,cursor,tags,status\n"
              "\"Pocket, saved\",https://p.example.com/a,1796688000,,ml,unread\n")
    instapaper = "URL,Title,Selection,Folder,Timestamp\nhttps://i.example.com/b,인스타페이퍼,,Unread,1796688000\n"
    raindrop = ("id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite\n"
                "1,Raindrop,,,https://d.example.com/c,Unsorted,,2026-12-08T03:00:00.000Z,,,false\n")
    when = datetime(2026, 12, 8)
    assert entries_from(pocket) == ("csv", [Entry("https://p.example.com/a", "Pocket, saved", when)])
    assert entries_from(instapaper)[1] == [Entry("https://i.example.com/b", "인스타페이퍼", when)]
    assert entries_from(raindrop)[1] == [Entry("https://d.example.com/c", "Raindrop", datetime(2026, 12, 8, 3))]


def test_broken_xml_and_plain_text_are_searched_for_urls():
    assert entries_from("<?xml version='1.0'?><rss><item><link>https://x.example.com/a</link>") == (
        "text", [Entry("https://x.example.com/a")])
    bomb = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><item><link>&c;</link></item></rss>')
    kind, found = entries_from(bomb)
    assert all(e.url.startswith("http") for e in found)


def test_since_keeps_dated_entries_from_that_day():
    entries = [Entry("https://a/", when=datetime(2026, 12, 5, 23)), Entry("https://b/", when=datetime(2026, 12, 6)),
               Entry("https://c/")]
    assert since(entries, datetime(2026, 12, 6)) == ([entries[1]], 1)
