extension GPObject {
    /// The document as GAS writes it: one element a line, each ending in a line feed. `prolog`
    /// adds the XML declaration and DOCTYPE (every GAS request and answer carries them).
    ///
    /// Values escape `&`, `<` and `>` (a verbatim value keeps its `&` bare); attribute values
    /// escape `"` as well.
    public func xml(prolog: Bool = false) -> String {
        var text = prolog ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE USER SYSTEM \"gpOBJECT.DTD\">\n" : ""
        text += "<gpOBJECT>\n"
        for parameter in parameters {
            text += "<gpPARAM name=\"\(XMLText.escapedAttribute(parameter.name))\""
            for attribute in parameter.attributes {
                text += " \(attribute.name)=\"\(XMLText.escapedAttribute(attribute.value))\""
            }
            let value = parameter.isVerbatim ? XMLText.escaped(parameter.value, keepingAmpersands: true) : XMLText.escaped(parameter.value)
            text += ">\(value)</gpPARAM>\n"
        }
        return text + "</gpOBJECT>\n"
    }
}
