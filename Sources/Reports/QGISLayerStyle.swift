import Estate

/// A QGIS layer style (`.qml`) for ``LayoutGeoJSON``: plots filled by sector with the map's colours
/// (``SectorPalette``), empty plots white, each labelled with its plot id and firm.
///
/// The renderer is QGIS's categorised symbol renderer on the `sector` property (one category per sector of the
/// scenario, then a catch-all category with an empty value for empty plots); labels are the expression
/// `coalesce("plot", "unit", '') || '\n' || coalesce("firm", '')` over the polygon's centroid (a treatment unit's
/// feature is labelled with its unit id). Load it in QGIS with Layer Properties →
/// Style → Load Style, or keep it beside the GeoJSON with the same name (QGIS then applies it when the layer opens).
public struct QGISLayerStyle: Sendable {
    private let scenario: Scenario

    /// Prepares the style for `scenario`'s sectors.
    public init(scenario: Scenario) {
        self.scenario = scenario
    }

    /// The `.qml` XML text, ending with a newline.
    public func render() -> String {
        let palette = SectorPalette(sectors: scenario.sectors)
        var categories = "", symbols = ""
        func rgba(_ hex: String) -> String {
            let digits = Array(hex.dropFirst())
            let value = { (i: Int) in Int(String(digits[i...i + 1]), radix: 16) ?? 0 }
            return "\(value(0)),\(value(2)),\(value(4)),255"
        }
        func symbol(_ name: Int, _ colour: String) -> String {
            """
                  <symbol type="fill" name="\(name)" alpha="1" clip_to_extent="1" force_rhr="0">
                    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
                      <Option type="Map">
                        <Option name="color" type="QString" value="\(rgba(colour))"/>
                        <Option name="outline_color" type="QString" value="51,51,51,255"/>
                        <Option name="outline_width" type="QString" value="0.3"/>
                        <Option name="outline_width_unit" type="QString" value="MM"/>
                        <Option name="style" type="QString" value="solid"/>
                      </Option>
                    </layer>
                  </symbol>

            """
        }
        for (i, sector) in scenario.sectors.enumerated() {
            categories += "      <category value=\"\(XMLText.escape(sector.id))\" "
                + "label=\"\(XMLText.escape(sector.label))\" symbol=\"\(i)\" render=\"true\"/>\n"
            symbols += symbol(i, palette.colour(of: sector.id))
        }
        let empty = scenario.sectors.count
        categories += "      <category value=\"\" label=\"empty plot\" symbol=\"\(empty)\" render=\"true\"/>\n"
        symbols += symbol(empty, SectorPalette.emptyPlot)
        return """
            <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
            <qgis version="3.28.0" styleCategories="Symbology|Labeling">
              <renderer-v2 type="categorizedSymbol" attr="sector" symbollevels="0" enableorderby="0" forceraster="0">
                <categories>
            \(categories)    </categories>
                <symbols>
            \(symbols)    </symbols>
              </renderer-v2>
              <labeling type="simple">
                <settings calloutType="simple">
                  <text-style fieldName="coalesce(&quot;plot&quot;, &quot;unit&quot;, '') || '\\n' || coalesce(&quot;firm&quot;, '')" isExpression="1" fontSize="8" fontSizeUnit="Point" textColor="0,0,0,255"/>
                  <text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="255,255,255,255"/>
                  <placement placement="1" centroidWhole="1"/>
                </settings>
              </labeling>
            </qgis>

            """
    }
}
