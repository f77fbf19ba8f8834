/** A GET form's hidden copies of the URL's other parameters, so submitting it changes only its own. */
export function KeptParams({ params }: { params: Iterable<[string, string]> }) {
  return (
    <>
      {[...params].map(([name, value], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}
