// A labelled store picker (the stores of the caller's catalog, by name).
export function StoreSelect({
  value,
  storeIds,
  storeName,
  onChange,
  className,
}: {
  readonly value: string | null;
  readonly storeIds: readonly string[];
  readonly storeName: (id: string) => string;
  readonly onChange: (storeId: string) => void;
  readonly className?: string;
}) {
  return (
    <label {...(className === undefined ? {} : { className })}>
      Store
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {storeIds.map((s) => (
          <option key={s} value={s}>
            {storeName(s)}
          </option>
        ))}
      </select>
    </label>
  );
}
