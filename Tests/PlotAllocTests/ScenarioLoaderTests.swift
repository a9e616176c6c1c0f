import Testing
@testable import PlotAlloc
