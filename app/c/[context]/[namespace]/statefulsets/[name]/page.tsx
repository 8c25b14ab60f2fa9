import { workloadRoute } from '@/components/workload-detail-page';

const route = workloadRoute('statefulsets');
export const generateMetadata = route.generateMetadata;
export default route.Page;
