"use client";

import { useRef, useState } from "react";
import { ActionForm } from "@/app/_components/action-form";
import { addCommentAction } from "@/lib/activities/actions";
import { searchable } from "@/lib/search/normalize";

type Labels = { comment: string; placeholder: string; add: string; hint: string };

/** The mention being typed: "@" at a word start, then up to three words, right before the caret. */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]*(?: [^\s@]*){0,2})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/**
 * A comment with @mentions. Typing "@" and part of a name offers colleagues (without diacritics:
 * "@ngu" offers Nguyễn…); choosing one writes "@Full Name", which the server recognises. Without
 * JavaScript the same text typed by hand mentions just as well.
 */
export function CommentForm({ dealId, people, labels }: { dealId: number; people: { id: number; name: string }[]; labels: Labels }) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const matches = mention
    ? people.filter((p) => searchable(p.name).split(" ").some((word, i, words) => words.slice(i).join(" ").startsWith(searchable(mention.query)))).slice(0, 6)
    : [];

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
          aria-controls="mention-list"
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
