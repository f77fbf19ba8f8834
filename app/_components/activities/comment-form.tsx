"use client";

import { useEffect, useRef, useState } from "react";
import { ActionForm } from "@/app/_components/action-form";
import { addCommentAction } from "@/lib/activities/actions";

type Labels = { comment: string; placeholder: string; add: string; hint: string };

/** The mention being typed: "@" at a word start, then up to three words, right before the caret. */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]*(?: [^\s@]*){0,2})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

type Person = { id: number; name: string };

/** The colleagues offered for what is typed after "@": asked of the server, which offers only people who may read the deal. */
function useMentionOffers(dealId: number, query: string | null): Person[] {
  const [offers, setOffers] = useState<{ query: string; people: Person[] }>({ query: "", people: [] });
  useEffect(() => {
    if (query === null) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/deals/${dealId}/mentions?q=${encodeURIComponent(query)}`, { signal: abort.signal })
        .then((response) => (response.ok ? (response.json() as Promise<Person[]>) : []))
        .then((people) => setOffers({ query, people }))
        .catch(() => undefined);
    }, 120);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [dealId, query]);
  return query !== null && offers.query === query ? offers.people : [];
}

/**
 * A comment with @mentions. Typing "@" and part of a name offers colleagues who may read the deal
 * (without diacritics: "@ngu" offers Nguyễn…); choosing one writes "@Full Name", which the server
 * recognises. Without JavaScript the same text typed by hand mentions just as well.
 */
export function CommentForm({ dealId, labels }: { dealId: number; labels: Labels }) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const matches = useMentionOffers(dealId, mention ? mention.query : null);

  const refresh = () => {
    const el = area.current;
    if (!el) return;
    setMention(mentionAt(el.value, el.selectionStart));
    setActive(0);
  };

  const choose = (name: string) => {
    const el = area.current;
    if (!el || !mention) return;
    const before = el.value.slice(0, mention.start);
    const after = el.value.slice(el.selectionStart);
    el.value = `${before}@${name} ${after}`;
    const caret = before.length + name.length + 2;
    el.setSelectionRange(caret, caret);
    el.focus();
    setMention(null);
  };

  return (
    <ActionForm action={addCommentAction} record={`deal:${dealId}`} className="comment-form" label={labels.comment} resetOnSuccess>
      <input type="hidden" name="dealId" value={dealId} />
      <label htmlFor="comment-body" className="visually-hidden">
        {labels.comment}
      </label>
      <div className="mention-wrap">
        <textarea
          ref={area}
          id="comment-body"
          name="body"
          rows={2}
          maxLength={5000}
          required
          placeholder={labels.placeholder}
          aria-describedby="comment-hint"
          aria-autocomplete="list"
          aria-controls={matches.length > 0 ? "mention-list" : undefined}
          onInput={refresh}
          onClick={refresh}
          onKeyDown={(event) => {
            if (matches.length === 0) return;
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
              event.preventDefault();
              setActive((i) => (i + (event.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
            } else if (event.key === "Enter" || event.key === "Tab") {
              event.preventDefault();
              choose(matches[active]!.name);
            } else if (event.key === "Escape") {
              setMention(null);
            }
          }}
        />
        {matches.length > 0 && (
          <ul id="mention-list" role="listbox" className="mention-list" aria-label={labels.hint}>
            {matches.map((p, i) => (
              <li
                key={p.id}
                role="option"
                aria-selected={i === active}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(p.name);
                }}
              >
                {p.name}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p id="comment-hint" className="muted small">
        {labels.hint}
      </p>
      <button type="submit" className="button">
        {labels.add}
      </button>
    </ActionForm>
  );
}
