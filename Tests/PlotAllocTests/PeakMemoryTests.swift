import Foundation
import Testing
@testable import Benchmarks

@Test func peakMemoryReadsVmHWMFromAStatusText() {
    let status = """
        Name:\tplotalloc
        VmPeak:\t  312344 kB
        VmSize:\t  312340 kB
        VmHWM:\t   30636 kB
        VmRSS:\t   30600 kB
        """
    #expect(PeakMemory.highWaterMarkKiB(status: status) == 30636)
}

@Test func peakMemoryRefusesAMissingOrMalformedLine() {
    #expect(PeakMemory.highWaterMarkKiB(status: "Name:\tx\nVmRSS:\t 100 kB\n") == nil)
    #expect(PeakMemory.highWaterMarkKiB(status: "VmHWM:\t lots kB\n") == nil)
    #expect(PeakMemory.highWaterMarkKiB(status: "VmHWM:\t 12 MB\n") == nil)
    #expect(PeakMemory.highWaterMarkKiB(status: "") == nil)
}

@Test func peakMemoryOfThisProcessOnLinux() throws {
    guard FileManager.default.fileExists(atPath: "/proc/self/status") else { return }
    let kib = try #require(PeakMemory.currentProcessKiB())
    #expect(kib > 1024)   // more than 1 MiB: the test runner itself
}
