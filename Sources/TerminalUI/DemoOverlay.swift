/// What demo mode adds to every screen: the keys that insert and remove a simulated card, and
/// the persona picker. The app owns the keys; the UI only draws this.
public struct DemoOverlay: Equatable, Sendable {
    /// A demo user the simulated card can hold.
    public struct Persona: Equatable, Sendable {
        public var label: String
        public var description: String

        public init(label: String, description: String) {
            self.label = label
            self.description = description
        }
    }

    public var personas: [Persona]
    /// Whether the persona picker is open.
    public var pickerOpen: Bool
    /// Index into ``personas`` of the highlighted one.
    public var highlighted: Int
    /// The label of the persona whose card is in the simulated reader, if any.
    public var insertedLabel: String?
    /// Key names shown for inserting and removing the card ("F2", "F3").
    public var insertKey: String
    public var removeKey: String
    /// The picker's own key help, shown at its foot.
    public var pickerHint: String

    public init(
        personas: [Persona], pickerOpen: Bool = false, highlighted: Int = 0, insertedLabel: String? = nil,
        insertKey: String = "F2", removeKey: String = "F3",
        pickerHint: String = "Up/Down choose   Enter insert   Esc close"
    ) {
        self.personas = personas
        self.pickerOpen = pickerOpen
        self.highlighted = highlighted
        self.insertedLabel = insertedLabel
        self.insertKey = insertKey
        self.removeKey = removeKey
        self.pickerHint = pickerHint
    }
}
