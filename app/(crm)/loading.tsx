export default function Loading() {
  return <div className="loading" aria-busy="true" aria-live="polite" />;
}
